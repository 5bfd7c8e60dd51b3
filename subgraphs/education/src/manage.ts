import { runManage } from '@hub/subgraph-kit/manage'
import { migrations } from './db/migrations/index.js'

// `node subgraphs/education/dist/manage.mjs migrate|verify-audit`: the education database looked after outside the service.
await runManage('education', migrations, process.argv.slice(2))
