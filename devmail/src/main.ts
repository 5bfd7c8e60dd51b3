import { resolve } from 'node:path'
import { parsePort, readVariables, type VariableSpec } from '@hub/platform/variables'
import { DEV_MAIL_PORTS, startDevMail } from './server.js'

export const variables: VariableSpec[] = [
  {
    name: 'DEVMAIL_PORT',
    description: 'HTTP port of the development mail page',
    default: String(DEV_MAIL_PORTS.http),
    requiredInDeployment: false,
  },
  {
    name: 'DEVMAIL_SMTP_PORT',
    description: 'SMTP port on which the development mail catcher accepts letters',
    default: String(DEV_MAIL_PORTS.smtp),
    requiredInDeployment: false,
  },
  {
    name: 'DEVMAIL_DATA_DIR',
    description: 'Where the development mail catcher keeps the letters, one .eml file each',
    default: 'data/mail',
    requiredInDeployment: false,
  },
]

if (process.env.NODE_ENV === 'production') {
  console.error(
    "the development mail catcher is refused when NODE_ENV=production: set SOCIAL_SMTP_URL to the region's mail server",
  )
  process.exit(1)
}
const values = readVariables(variables, process.env)
const mail = await startDevMail({
  httpPort: parsePort('DEVMAIL_PORT', values.DEVMAIL_PORT),
  smtpPort: parsePort('DEVMAIL_SMTP_PORT', values.DEVMAIL_SMTP_PORT),
  dataDir: resolve(values.DEVMAIL_DATA_DIR!),
  onLetter: (letter) => console.log(`letter to ${letter.to.join(', ')}: ${mail.url}/messages/${letter.id}`),
})
const stop = () => void mail.stop().then(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
console.log(`development mail ready at ${mail.url}, taking letters at ${mail.smtpUrl} into ${mail.mailbox.dir}`)
