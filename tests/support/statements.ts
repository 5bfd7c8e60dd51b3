/** The table a statement reads first: `select … from "child" …` → `child`. */
export function tableOf(statement: string) {
  return /\bfrom "(\w+)"/.exec(statement)?.[1] ?? statement
}

/** How many statements touched each table. */
export function countByTable(statements: readonly string[]) {
  const counts: Record<string, number> = {}
  for (const statement of statements) {
    const table = tableOf(statement)
    counts[table] = (counts[table] ?? 0) + 1
  }
  return counts
}
