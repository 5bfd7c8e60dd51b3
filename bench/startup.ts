import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { freePorts } from '../scripts/processes.js'
import { memoryOf } from './systems.js'

export interface StartupResult {
  /** `npm start` on an empty data folder: it migrates, seeds the default region and starts. */
  firstRunSeconds: number
  /** `npm start` again on the same folder: it only starts. */
  readySeconds: number
  /** Resident memory of the whole hub (the starter, four subgraphs, the gateway) once ready, MiB. */
  rssMiB: number
}

/** Process ids of a process and all its descendants (Linux). */
function processTree(pid: number): number[] {
  let children: number[] = []
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
  return [pid, ...children.flatMap(processTree)]
}

/** Runs `npm start`'s script until it prints that it is ready; returns the seconds that took and its memory. */
async function startOnce(env: NodeJS.ProcessEnv) {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env })
  let output = ''
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Press Ctrl-C to stop.')) resolve()
      }
      child.stdout.on('data', onData)
      child.stderr.on('data', onData)
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)))
    })
    const seconds = (performance.now() - started) / 1000
    const rssMiB = processTree(child.pid!).reduce((sum, pid) => sum + (memoryOf(pid).rssMiB || 0), 0)
    return { seconds, rssMiB }
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGINT')
    })
  }
}

/** The embedded default as a new user meets it: `npm start` on a fresh data folder, then started again. */
export async function measureStartup(): Promise<StartupResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-start-'))
  const [gatewayPort, ...subgraphPorts] = await freePorts(1 + SUBGRAPH_NAMES.length)
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    APOLLO_TELEMETRY_DISABLED: '1',
    GATEWAY_PORT: String(gatewayPort),
    HUB_DEV_KEYS_DIR: join(dataDir, 'auth'),
  }
  SUBGRAPH_NAMES.forEach((name, i) => {
    env[`${name.toUpperCase()}_PORT`] = String(subgraphPorts[i])
    env[`${name.toUpperCase()}_DATA_DIR`] = join(dataDir, name)
    delete env[`${name.toUpperCase()}_DATABASE_URL`]
  })
  try {
    const first = await startOnce(env)
    const again = await startOnce(env)
    return { firstRunSeconds: first.seconds, readySeconds: again.seconds, rssMiB: again.rssMiB }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
