import { runManage } from '@hub/subgraph-kit/manage'
import { migrations } from './db/migrations/index.js'

// `node subgraphs/social/dist/manage.mjs migrate|verify-audit`: the social database looked after outside the service.
await runManage('social', migrations, process.argv.slice(2))
