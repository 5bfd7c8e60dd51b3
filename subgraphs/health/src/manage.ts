import { runManage } from '@hub/subgraph-kit/manage'
import { migrations } from './db/migrations/index.js'

// `node subgraphs/health/dist/manage.mjs migrate|verify-audit`: the health database looked after outside the service.
await runManage('health', migrations, process.argv.slice(2))
