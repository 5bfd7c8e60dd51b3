import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { ImportReferenceDocument, type ImportReferenceMutation } from '@hub/schema/operations'
import type { Side } from '@hub/platform/auth/viewer'
import { importToken, parseImportArgs, sendOperation } from './gateway-client.js'
import type { ImportCommand } from './kinds.js'

type Report = NonNullable<ImportReferenceMutation['importHealthReference']>

/** The sides that keep dictionaries, and where each one's report is in the mutation's answer. */
const REPORTS = {
  health: (data: ImportReferenceMutation) => data.importHealthReference,
  social: (data: ImportReferenceMutation) => data.importSocialReference,
  education: (data: ImportReferenceMutation) => data.importEducationReference,
} satisfies Partial<Record<Side, (data: ImportReferenceMutation) => Report | null | undefined>>

/**
 * `npm run import -- <kind> <file> [--apply] [--valid-from YYYY-MM-DD]`: a dictionary's official file sent to the side
 * that keeps it, through the gateway's `POST /files`, as the «Справочники» screen sends it. Prints the Russian report;
 * the exit code is 1 when the file has errors (nothing is imported then).
 */
export function referenceCommand(kind: string, side: keyof typeof REPORTS): ImportCommand {
  return {
    async run(argv) {
      const args = parseImportArgs(argv, ['valid-from'])
      const content = (await readFile(args.file)).toString('base64')
      const validFrom = args.values['valid-from']
      const data = await sendOperation(
        args,
        await importToken(args, side),
        ImportReferenceDocument,
        {
          [side]: true,
          input: {
            kind,
            fileName: basename(args.file),
            content,
            apply: args.apply,
            validFrom: typeof validFrom === 'string' ? validFrom : null,
          },
        },
        '/files',
      )
      const report = REPORTS[side](data)
      if (!report) throw new Error(`the gateway returned no report of ${side}`)
      console.log(report.text)
      if (!report.applied && report.errorCount === 0 && report.added + report.changed + report.retired > 0) {
        console.log('Это проверка. Чтобы загрузить изменения, повторите команду с --apply.')
      }
      return report.errorCount > 0 ? 1 : 0
    },
  }
}
