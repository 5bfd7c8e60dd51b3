import { runManage } from '@hub/subgraph-kit/manage'
import { migrations } from './db/migrations/index.js'

// `node subgraphs/ngo/dist/manage.mjs migrate|verify-audit`: the ngo database looked after outside the service.
await runManage('ngo', migrations, process.argv.slice(2))
