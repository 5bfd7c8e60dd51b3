import { ensureDashboardBuilt } from '../../scripts/dashboard-build.js'

/**
 * Builds the dashboard and the explorer once per run, before any test file serves them, when the build is
 * missing or older than its sources: test files in parallel must not each rebuild the same folder.
 */
export default async function setup() {
  await ensureDashboardBuilt()
}
