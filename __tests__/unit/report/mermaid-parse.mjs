/* global process */
// Parses Mermaid diagrams with mermaid's own parser (what GitHub renders with), in a process of
// its own: mermaid wants a DOM (happy-dom gives it one) and ESM packages jest does not load.
// stdin: a JSON array of diagram texts; stdout: a JSON array of null (valid) or the error.
import { Window } from 'happy-dom'

const window = new Window()
globalThis.window = window
globalThis.document = window.document
const { default: mermaid } = await import('mermaid')

let input = ''
for await (const chunk of process.stdin) input += chunk
const results = []
for (const text of JSON.parse(input)) {
  try {
    await mermaid.parse(text)
    results.push(null)
  } catch (err) {
    results.push(String(err?.message ?? err).slice(0, 500))
  }
}
process.stdout.write(JSON.stringify(results))
await window.happyDOM.close()
