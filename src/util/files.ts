/** File writes used by the front ends. */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** A temp file older than this is stale even when a process with its pid runs (pids are reused). */
export const STALE_TEMP_MS = 10 * 60 * 1000

/**
 * Writes `content` to `file` atomically: a temp file in the same directory, then rename, so a
 * reader (or a run killed mid-write) never leaves half a file behind. Temp files that killed
 * writers left behind for the same file are removed first (see `removeStaleTemps`).
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(path.resolve(file))
  await mkdir(dir, { recursive: true })
  const base = path.basename(file)
  await removeStaleTemps(dir, base)
  const tmp = path.join(dir, `.${base}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await writeFile(tmp, content, { mode: 0o644 })
    await rename(tmp, file)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  }
}

/** Serialises JSON with two-space indent and a final newline, then writes it atomically. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n')
}

/** `<pid>.<8 hex digits>`: what `writeFileAtomic` puts between `.<name>.` and `.tmp`. */
const TEMP_MIDDLE_RE = /^(\d{1,10})\.[0-9a-f]{8}$/

/**
 * Removes the temp files of `writeFileAtomic` for `base` in `dir` (`.<base>.<pid>.<hex>.tmp`)
 * whose writer is gone (no process has the pid) or that are older than `STALE_TEMP_MS`. A fresh
 * temp file of a live process is kept: it may be a write in progress. One directory read; other
 * files are not touched, and a failure here never fails the write.
 */
export async function removeStaleTemps(
  dir: string,
  base: string,
  now: number = Date.now()
): Promise<void> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return
  }
  const prefix = `.${base}.`
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
    const m = TEMP_MIDDLE_RE.exec(name.slice(prefix.length, -'.tmp'.length))
    if (!m) continue
    const file = path.join(dir, name)
    try {
      if (processAlive(Number(m[1])) && now - (await stat(file)).mtimeMs <= STALE_TEMP_MS) continue
      await rm(file, { force: true })
    } catch {
      // Gone already (another writer cleaned up), or not ours to remove: leave it.
    }
  }
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
