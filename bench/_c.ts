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
].map(g => ({ ...g, count: 50000, minutes: 60 }))
const sc = checkScenario({ logGroups: [{ name: '/ecs/mix', generate: gens as never }] }, Date.now())
const lines: string[] = []
for (const src of sourcesFor(sc.logGroups[0]!))
  for (let i = 0; i < src.length; i++) lines.push(src.message(i))
console.log(lines.length, lines.slice(0, 3), lines.reduce((n, l) => n + l.length, 0) / lines.length)
for (let r = 0; r < 4; r++) {
  const t0 = performance.now()
  let x = 0
  for (const l of lines) if (classify(l).category) x++
  const ms = performance.now() - t0
  console.log(Math.round(lines.length / (ms / 1000)), 'lines/s', x)
}
