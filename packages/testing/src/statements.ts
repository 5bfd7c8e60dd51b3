/** The table a statement reads first: `select … from "child" …` → `child`. */
export function tableOf(statement: string) {
  return /\bfrom "(\w+)"/.exec(statement)?.[1] ?? statement
}

/** The write of the access audit that ends every request that read personal data (counted by tests/access). */
export function isAuditWrite(statement: string) {
  return statement.startsWith('insert into "access_audit"')
}

/** How many statements touched each table, the access audit's write aside. */
export function countByTable(statements: readonly string[]) {
  const counts: Record<string, number> = {}
  for (const statement of statements.filter((statement) => !isAuditWrite(statement))) {
    const table = tableOf(statement)
    counts[table] = (counts[table] ?? 0) + 1
  }
  return counts
}
