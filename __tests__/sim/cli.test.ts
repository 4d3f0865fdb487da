import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'

describe('sim/cli.ts', () => {
  it('prints the endpoint and env lines, serves requests, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'sim/cli.ts', '--scenario', 'sim/scenarios/basic.json'],
      {
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
    try {
      const started = Date.now()
      while (!/export AWS_ENDPOINT_URL=\S+/.test(out)) {
        if (Date.now() - started > 15_000) throw new Error(`no endpoint line in: ${out}`)
        await new Promise(r => setTimeout(r, 50))
      }
      const url = /export AWS_ENDPOINT_URL=(\S+)/.exec(out)?.[1] ?? ''
      expect(out).toContain(
        `export AWS_ENDPOINT_URL=${url} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1`
      )
      const res = await fetch(`${url}/__sim/health`)
      expect(await res.json()).toEqual({ ok: true })
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(out).toContain('SIGTERM: stopping')
  })

  it('exits 2 with a clear message for a bad scenario', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'sim/cli.ts', '--scenario', 'no/such/file.json'],
      {
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const code = await new Promise<number | null>(resolve => child.on('exit', c => resolve(c)))
    expect(code).toBe(2)
    expect(err).toContain('invalid simulator scenario (no/such/file.json)')
  })
})
