/**
 * Classifier throughput on one core, run by bench/run.ts as its own process (nothing else on its
 * event loop): `classify` from src/logs/classify.ts over a generated mix of 400,000 lines — app
 * logs in five styles (Java, Go, Python, Node, JSON; 5% errors with their traces, some crashes)
 * and access logs in three formats (nginx, gin, JSON). Ten rounds: the first two warm the JIT
 * up; `best` is the best of the other eight (the usual estimator when other work shares the
 * machine: interference only ever slows a round down), `median` their median. Prints one JSON
 * line.
 */
import { checkScenario, sourcesFor } from '../sim/index.js'
import { classify } from '../src/logs/classify.js'

const gens = [
  { kind: 'app', style: 'java', errorRate: 0.05, severeRate: 0.01 },
  { kind: 'app', style: 'go', errorRate: 0.05 },
  { kind: 'app', style: 'python', errorRate: 0.05 },
  { kind: 'app', style: 'node', errorRate: 0.05 },
  { kind: 'app', style: 'json', errorRate: 0.05 },
  { kind: 'access', format: 'nginx' },
  { kind: 'access', format: 'gin' },
  { kind: 'access', format: 'json' }
].map(g => ({ ...g, count: 50_000, minutes: 60 }))
const sc = checkScenario({ logGroups: [{ name: '/ecs/mix', generate: gens as never }] }, Date.now())
const lines: string[] = []
for (const g of sc.logGroups)
  for (const src of sourcesFor(g)) for (let i = 0; i < src.length; i++) lines.push(src.message(i))

const rates: number[] = []
const categories = new Map<string, number>()
for (let round = 0; round < 10; round++) {
  const t0 = performance.now()
  let classified = 0
  for (const l of lines) if (classify(l).category !== null) classified++
  rates.push(lines.length / ((performance.now() - t0) / 1000))
  if (round === 0) categories.set('classified', classified)
}
const steady = rates.slice(2).sort((a, b) => a - b)
process.stdout.write(
  JSON.stringify({
    lines: lines.length,
    avgBytes: lines.reduce((n, l) => n + l.length, 0) / lines.length,
    classified: categories.get('classified'),
    median: ((steady[3] ?? 0) + (steady[4] ?? 0)) / 2,
    best: steady[steady.length - 1] ?? 0,
    rounds: rates.map(Math.round)
  }) + '\n'
)
