/** The streaming analyzer's additions for Logs Insights: requests counted elsewhere, stream counts, samples. */
import { describe, expect, it } from '@jest/globals'
import { LogAnalyzer } from '../../../src/logs/analyze.js'

const T0 = Date.parse('2026-11-25T10:00:00Z')
const analyzer = () =>
  new LogAnalyzer({
    service: 'api',
    logGroup: '/ecs/api',
    windowStart: T0,
    windowEnd: T0 + 3_600_000
  })

describe('LogAnalyzer', () => {
  it('counts requests added by count exactly as pushed plain requests', () => {
    const line = (i: number) =>
      `10.0.0.${i} - - [25/Nov/2026:10:00:0${i} +0000] "GET /api/items HTTP/1.1" 200 12 "-" "curl/8"`
    const pushed = analyzer()
    for (let i = 1; i <= 3; i++)
      pushed.push({ timestamp: T0 + i * 1000, message: line(i), logStream: 's' })
    const counted = analyzer()
    counted.addCountedRequests(200, 3, T0 + 1000, T0 + 3000)
    counted.addCountedRequests(404, 0) // nothing counted: no trace of it
    counted.setStreamCount(1)
    expect(counted.finish()).toEqual(pushed.finish())
  })

  it('takes the stream count from elsewhere when it exceeds the streams seen', () => {
    const a = analyzer()
    a.push({ timestamp: T0 + 1000, message: 'ERROR boom', logStream: 's1' })
    a.setStreamCount(4)
    expect(a.finish().streams).toBe(4)
  })

  it('keeps the earliest event of an error group as its sample, whatever the arrival order', () => {
    const a = analyzer()
    a.push({ timestamp: T0 + 5000, message: 'ERROR payment 42 failed: late', logStream: 's1' })
    a.push({ timestamp: T0 + 1000, message: 'ERROR payment 7 failed: late', logStream: 's2' })
    const [g] = a.finish().errors
    expect(g?.count).toBe(2)
    expect(g?.sample).toContain('payment 7')
    expect(g?.firstSeen).toBe(new Date(T0 + 1000).toISOString())
    expect(g?.lastSeen).toBe(new Date(T0 + 5000).toISOString())
  })
})
