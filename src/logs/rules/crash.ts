/**
 * Crash rules, what makes a service `critical`: oom > panic > fatal. They count even in a
 * `WARN` event. A rule names what it reads: `oom.java` an `OutOfMemoryError`, `oom.exit137` the
 * exit code of a container killed for memory, `panic.go` a Go `panic:`, `fatal.signal` a
 * segmentation fault or abort…
 */
import { tier } from './types.js'

// --- oom ---------------------------------------------------------------------------------------

export const OOM_I = tier('oom', 'i', 'message', [
  { name: 'oom.ecs', pattern: String.raw`container killed due to memory usage` },
  {
    name: 'oom.killer',
    pattern: String.raw`out of memory: kill(?:ed)? process|\boom[-_]kill(?:er|ed)?\b|invoked oom-killer|memory cgroup out of memory|\boom_reaper\b|\bkilled process \d+ \(`,
    guard: 'word'
  },
  { name: 'oom.k8s', pattern: String.raw`\boomkilled\b(?!["']?\s*[:=]\s*["']?false)` },
  {
    name: 'oom.node',
    pattern: String.raw`javascript heap out of memory|reached heap limit|allocation failed - (?:javascript )?heap|heap out of memory`
  },
  { name: 'oom.go', pattern: String.raw`runtime: out of memory` },
  {
    name: 'oom.alloc',
    pattern: String.raw`cannot allocate memory|\benomem\b|std::bad_alloc|\bout of memory\b|memory limit (?:exceeded|reached)|exceeded (?:the |its )?memory limit|perhaps out of memory|\boom command not allowed|allowed memory size of \d+ bytes exhausted|\bmemory exhausted\b`,
    guard: 'word'
  },
  {
    name: 'oom.exit137',
    pattern: String.raw`\bexit(?:ed)?(?: with)?(?: exit)?[ _-]?(?:code|status)?["']?\s*[:=]?\s*137\b|\bsignal: killed\b|\b(?:killed|terminated) by signal 9\b|(?:^|\n)killed(?=\n|$)|: line \d+:\s+\d+ killed\s|\bnpm err! errno 137\b`
  }
])
export const OOM_CS = tier('oom', '', 'message', [
  { name: 'oom.java', pattern: String.raw`(?<![A-Za-z])OutOfMemory(?:Error|Exception)\b` },
  { name: 'oom.python', pattern: String.raw`(?<![A-Za-z])MemoryError\b|_ArrayMemoryError\b` }
])

// --- panic -------------------------------------------------------------------------------------

export const PANIC_CS = tier('panic', '', 'message', [
  {
    name: 'panic.go',
    pattern: String.raw`(?:^|[\s"'>\]:=])panic: (?!false\b|true\b|0\b|null\b|nil\b)\S`
  },
  { name: 'panic.goroutine', pattern: String.raw`(?:^|\n)goroutine \d+ \[[^\]\n]*\]:` },
  { name: 'panic.signal', pattern: String.raw`\[signal SIG[A-Z]+: ` },
  { name: 'panic.rust', pattern: String.raw`thread '[^'\n]*' panicked at` },
  {
    name: 'panic.recovered',
    pattern: String.raw`\bhttp: panic serving\b|\b[Pp]anic recovered\b|\b[Rr]ecovered from panic\b|\[PANIC RECOVER\]|\bpanicked\b|Kernel panic`
  }
])

// --- fatal -------------------------------------------------------------------------------------

export const FATAL_CS = tier('fatal', '', 'message', [
  { name: 'fatal.go', pattern: String.raw`(?:^|[\s"'>\]])fatal (?:runtime )?error: ` },
  { name: 'fatal.node', pattern: String.raw`(?:^|[\s"'>\]])FATAL ERROR: ` },
  { name: 'fatal.php', pattern: String.raw`(?:^|[\s"'>\]])(?:PHP )?Fatal error: ` },
  {
    name: 'fatal.jvm',
    pattern: String.raw`A fatal error has been detected by the Java Runtime|SIGSEGV \(0xb\) at pc=|# Problematic frame:`
  },
  {
    name: 'fatal.signal',
    pattern: String.raw`Segmentation fault|\bsegfault\b|\bSIG(?:SEGV|ABRT|BUS|ILL|FPE)\b|core dumped|double free or corruption|stack smashing detected|has overflowed its stack`
  },
  { name: 'fatal.python', pattern: String.raw`Fatal Python error` },
  { name: 'fatal.supervisor', pattern: String.raw`entered FATAL state` },
  { name: 'fatal.cli', pattern: String.raw`(?:^|\n)fatal: \S` }
])
