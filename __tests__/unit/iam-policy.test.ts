import { expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')

/** The AWS operations the product calls, read from the only modules that call AWS. */
function operationsCalled(): string[] {
  const files: [string, string][] = [
    ['src/aws/ecs.ts', 'ecs'],
    ['src/aws/elbv2.ts', 'elasticloadbalancing'],
    ['src/aws/cloudwatch.ts', 'cloudwatch'],
    ['src/aws/logs.ts', 'logs'],
    ['src/aws/insights.ts', 'logs']
  ]
  const ops = new Set<string>()
  for (const [file, prefix] of files) {
    const text = readFileSync(path.join(ROOT, file), 'utf8')
    for (const m of text.matchAll(/new (\w+)Command\(|paginate(\w+)\(/g))
      ops.add(`${prefix}:${m[1] ?? m[2]}`)
  }
  return [...ops].sort()
}

it('docs/iam-policy.json allows exactly the calls the product makes', () => {
  const policy = JSON.parse(readFileSync(path.join(ROOT, 'docs/iam-policy.json'), 'utf8')) as {
    Statement: { Action: string[] }[]
  }
  const allowed = [...new Set(policy.Statement.flatMap(s => s.Action))].sort()
  expect(allowed).toEqual(operationsCalled())
})

it('no other module builds an AWS command', () => {
  const grep = (dir: string): string[] => {
    const out: string[] = []
    for (const entry of readdirSyncRec(path.join(ROOT, dir))) {
      if (!entry.endsWith('.ts') || entry.includes(`${path.sep}aws${path.sep}`)) continue
      if (/new \w+Command\(/.test(readFileSync(entry, 'utf8'))) out.push(entry)
    }
    return out
  }
  expect(grep('src')).toEqual([])
})

function readdirSyncRec(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const p = path.join(dir, name)
    return statSync(p).isDirectory() ? readdirSyncRec(p) : [p]
  })
}
