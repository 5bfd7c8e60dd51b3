import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Supergraph } from '@apollo/federation-internals'
import { parse, validate, type GraphQLSchema } from 'graphql'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { demoUsers } from '../idp/src/users.js'
import { queryPlanOf } from '../scripts/query-plan.js'

/**
 * The Russian user guides stay true to the screens: a label a guide quotes «…» is a text the screens' code holds, a
 * relative link leads to a file (and a heading, where it names one), and a GraphQL example is valid against the API
 * schema. A change of a screen that a guide quotes fails here, naming the guide and the label.
 */

const GUIDES = 'docs/ru'
const INDEX = 'README.md'
/** The screens' code: the dashboard and the explorer, the sign-in page of the development identity provider and the development mail page. */
const SCREEN_SOURCES = ['dashboard/src', 'idp/src', 'devmail/src']

const read = (path: string) => readFileSync(path, 'utf8')
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim()

function guides() {
  return readdirSync(GUIDES)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ name, path: join(GUIDES, name), text: read(join(GUIDES, name)) }))
}

/** A page without its fenced blocks (each line of one blanked, so that line numbers stay). */
function withoutFences(markdown: string) {
  let fenced = false
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        fenced = !fenced
        return ''
      }
      return fenced ? '' : line
    })
    .join('\n')
}

/** The guide's own words: fenced blocks and inline code blanked out, so that code and commands are not read as prose. */
function prose(markdown: string) {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, ' ')
}

function fencedBlocks(markdown: string, language: string) {
  return [...markdown.matchAll(/^\s*```(\w*)\n([\s\S]*?)^\s*```/gm)]
    .filter((match) => match[1] === language)
    .map((match) => match[2]!)
}

/** The labels a guide quotes as the screens show them: every «…» of its prose, whitespace folded. */
function quotedLabels(markdown: string) {
  return [...prose(markdown).matchAll(/«([^«»]+)»/g)].map((match) => squeeze(match[1]!))
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** Every text the screens' code can show: string literals, template parts and JSX text, whitespace folded. Comments are not texts. */
function textsOf(path: string) {
  const file = ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX)
  const texts: string[] = []
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      texts.push(squeeze(node.text))
    }
    node.forEachChild(visit)
  }
  visit(file)
  return texts.filter((text) => text !== '')
}

const screenTexts = SCREEN_SOURCES.flatMap(sourceFiles).flatMap(textsOf)

function labelsMissingFrom(texts: readonly string[], labels: readonly string[]) {
  return [...new Set(labels)].filter((label) => !texts.some((text) => text.includes(label)))
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, each space a hyphen; repeats numbered. */
function headingAnchors(markdown: string) {
  const seen = new Map<string, number>()
  let fenced = false
  const anchors: string[] = []
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const slug = heading[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    anchors.push(count === 0 ? slug : `${slug}-${count}`)
  }
  return anchors
}

/** The relative links of a guide at `path` that lead nowhere: a missing file, or a heading the file does not have. */
function brokenLinks(path: string, markdown: string) {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .filter((target) => {
      const [file, anchor] = target.split('#', 2) as [string, string | undefined]
      const resolved = file === '' ? path : join(dirname(path), decodeURIComponent(file))
      if (!existsSync(resolved)) return true
      if (anchor === undefined || !resolved.endsWith('.md')) return false
      return !headingAnchors(read(resolved)).includes(decodeURIComponent(anchor))
    })
}

const apiSchema = (): GraphQLSchema =>
  Supergraph.build(read('schema/supergraph.graphql')).apiSchema().toGraphQLJSSchema()

describe('the Russian user guides', () => {
  const all = guides()

  it('are each listed in the index, and the index lists only guides that exist', () => {
    const index = all.find((guide) => guide.name === INDEX)!
    const listed = [...prose(index.text).matchAll(/\]\(([\w-]+\.md)\)/g)].map((match) => match[1])
    expect(
      all
        .map((guide) => guide.name)
        .filter((name) => name !== INDEX)
        .sort(),
    ).toEqual([...new Set(listed)].sort())
  })

  it('link only to files and headings that exist', () => {
    const broken = all.flatMap((guide) => brokenLinks(guide.path, guide.text).map((link) => `${guide.name}: ${link}`))
    expect(broken).toEqual([])
  })

  it('quote only labels the screens show', () => {
    const missing = all.flatMap((guide) =>
      labelsMissingFrom(screenTexts, quotedLabels(guide.text)).map((label) => `${guide.name}: «${label}»`),
    )
    expect(missing).toEqual([])
  })

  it('each quote the screens they describe', () => {
    const silent = all.filter((guide) => guide.name !== INDEX && quotedLabels(guide.text).length === 0)
    expect(silent.map((guide) => guide.name)).toEqual([])
  })

  it('give GraphQL examples that are valid against the API schema', () => {
    const schema = apiSchema()
    const examples = all.flatMap((guide) => fencedBlocks(guide.text, 'graphql').map((query) => ({ guide, query })))
    expect(examples.length).toBeGreaterThan(0)
    const invalid = examples.flatMap(({ guide, query }) =>
      validate(schema, parse(query)).map((error) => `${guide.name}: ${error.message}`),
    )
    expect(invalid).toEqual([])
  })

  it('name only demo users the development identity provider has', () => {
    const logins = new Set(demoUsers().map((user) => user.login))
    const named = all.flatMap((guide) =>
      [...guide.text.matchAll(/`([a-z]+)-demo`/g)].map((match) => ({ guide: guide.name, login: match[1]! })),
    )
    expect(named.length).toBeGreaterThan(0)
    expect(named.filter(({ login }) => !logins.has(login)).map(({ guide, login }) => `${guide}: ${login}`)).toEqual([])
  })
})

/** The project's own Markdown for developers and operators: the README, docs/, and each package's and deployment's README. */
function projectPages() {
  const folders = ['docs', 'packages', 'subgraphs', 'deploy/kubernetes']
  const below = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) return entry.name === 'node_modules' || path === GUIDES ? [] : below(path)
      return entry.name.endsWith('.md') ? [path] : []
    })
  return ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...folders.flatMap(below)].filter((path) => existsSync(path))
}

describe('the project’s pages', () => {
  it('link only to files and headings that exist', () => {
    const broken = projectPages().flatMap((path) => brokenLinks(path, read(path)).map((link) => `${path}: ${link}`))
    expect(broken).toEqual([])
  })
})

/**
 * The page that follows one request through the code, and the convention it keeps: a file is a relative link, and the
 * names in backticks right after it (`[gates.ts](../x/gates.ts) `applyGates`, `isInternalField``) are defined there.
 */
const LIFE_OF_A_CHILD_CARD = 'docs/life-of-a-child-card.md'

/** The files a page links to, each with the symbols it names right after the link. Web addresses are not files. */
function codeReferences(path: string, markdown: string) {
  const name = '`([^`\\s]+)`'
  const link = new RegExp(`\\]\\(([^)\\s#]+)(?:#[^)\\s]*)?\\)((?: ${name}(?:, ${name})*)?)`, 'g')
  return [...withoutFences(markdown).matchAll(link)]
    .filter((match) => !/^[a-z][a-z0-9+.-]*:/i.test(match[1]!))
    .map((match) => ({
      file: join(dirname(path), decodeURIComponent(match[1]!)),
      symbols: [...match[2]!.matchAll(new RegExp(name, 'g'))].map((symbol) => symbol[1]!),
    }))
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Whether a file defines a symbol: in TypeScript as a declaration (function, class, const, type, interface, enum), a
 * method or an object key; in GraphQL as a type, operation, fragment or field; in any other file as a word of it.
 */
function defines(file: string, text: string, symbol: string) {
  const word = escapeRegExp(symbol)
  if (/\.tsx?$/.test(file)) {
    return [
      new RegExp(`\\b(?:function\\*?|class|const|let|var|type|interface|enum)\\s+${word}\\b`),
      new RegExp(
        `^\\s*(?:(?:async|get|static|readonly|override|private|public)\\s+)*${word}\\s*(?:\\?\\s*)?[(:<]`,
        'm',
      ),
      new RegExp(`^\\s*['"]${word}['"]\\s*:`, 'm'),
    ].some((pattern) => pattern.test(text))
  }
  if (file.endsWith('.graphql')) {
    return [
      new RegExp(`\\b(?:type|input|enum|interface|union|scalar|query|mutation|subscription|fragment)\\s+${word}\\b`),
      new RegExp(`^\\s*${word}\\s*[(:]`, 'm'),
    ].some((pattern) => pattern.test(text))
  }
  return new RegExp(`\\b${word}\\b`).test(text)
}

/** The references of a page that lead nowhere: a file that is gone, or a symbol its file no longer defines. */
function brokenReferences(path: string, markdown: string) {
  return codeReferences(path, markdown).flatMap(({ file, symbols }) => {
    if (!existsSync(file) || !statSync(file).isFile()) return [`${file}: no such file`]
    const text = read(file)
    return symbols.filter((symbol) => !defines(file, text, symbol)).map((symbol) => `${file}: no ${symbol}`)
  })
}

/** The nodes of a printed query plan, indented as printed, without the selections of its fetches. */
function planNodes(plan: string) {
  return plan
    .split('\n')
    .map((line) =>
      /^(\s*)(QueryPlan|Sequence|Parallel|Flatten\(path: "[^"]*"\)|Fetch\(service: "[^"]*"\)|Condition|Defer)/.exec(
        line,
      ),
    )
    .filter((match) => match !== null)
    .map((match) => `${match[1]}${match[2]}`)
}

describe('the life of a child card', () => {
  const page = read(LIFE_OF_A_CHILD_CARD)

  it('names only files that exist and symbols they define', () => {
    expect(brokenReferences(LIFE_OF_A_CHILD_CARD, page)).toEqual([])
  })

  it('walks through the dashboard, the gateway, the platform, the kit and a ministry’s subgraph', () => {
    const files = codeReferences(LIFE_OF_A_CHILD_CARD, page).map((reference) => reference.file)
    for (const part of ['dashboard/', 'gateway/', 'packages/platform/', 'packages/subgraph-kit/', 'subgraphs/health/'])
      expect(files.some((file) => file.startsWith(part))).toBe(true)
    expect(codeReferences(LIFE_OF_A_CHILD_CARD, page).flatMap((reference) => reference.symbols).length).toBeGreaterThan(
      50,
    )
  })

  it('shows the query plan the gateway’s planner makes for ChildCard, node for node', () => {
    const shown = fencedBlocks(page, 'text').find((block) => block.startsWith('QueryPlan {'))
    expect(shown).toBeDefined()
    expect(planNodes(shown!)).toEqual(planNodes(queryPlanOf('ChildCard')))
  })
})

describe('the guides’ checks', () => {
  it('find a quoted label that no screen shows, and take a label split across lines of a guide or of JSX', () => {
    const texts = ['Сохранить проект ИПРП', 'Отметить все прочитанными']
    const labels = quotedLabels('Нажмите «Сохранить\n  проект ИПРП», затем «Удалить всё». Пример: `«Удалить всё»`.')
    expect(labels).toEqual(['Сохранить проект ИПРП', 'Удалить всё'])
    expect(labelsMissingFrom(texts, labels)).toEqual(['Удалить всё'])
  })

  it('read JSX text and string literals of the screens, not their comments', () => {
    expect(screenTexts).toContain('Мои задачи')
    expect(screenTexts.some((text) => text.includes('the dashboard shell'))).toBe(false)
  })

  it('give headings GitHub’s anchors, numbering repeats and skipping fenced blocks', () => {
    expect(
      headingAnchors('# Access: sign-in, who sees what\n## Вход и выход\n```sh\n# not a heading\n```\n## Вход и выход'),
    ).toEqual(['access-sign-in-who-sees-what', 'вход-и-выход', 'вход-и-выход-1'])
  })

  it('find a link to a missing file and to a missing heading, and leave web addresses alone', () => {
    const guide = join(GUIDES, 'koordinator.md')
    const markdown =
      '[a](README.md) [b](README.md#нет-такого) [c](../operations.md#environment-variables) [d](нет.md) [e](https://example.ru/x)'
    expect(brokenLinks(guide, markdown)).toEqual(['README.md#нет-такого', 'нет.md'])
  })

  it('find a reference to a missing file and to a symbol its file does not define, and take what is defined', () => {
    const markdown = [
      'The plan: [warm-up.ts](../gateway/src/warm-up.ts) `warmUp`, `coldStart`; [gone](../gateway/src/gone.ts) `x`.',
      'Defined as a method and an object key: [tokens.ts](../packages/platform/src/auth/tokens.ts) `verifyGatewayCall`;',
      '[policy.ts](../subgraphs/health/src/policy.ts) `Child.health`, `Child.ngo`, `policy`; [a page](https://example.ru/a.ts) `b`.',
      'A GraphQL field and fragment: [ChildCard](../schema/operations/ChildCard.graphql) `ChildCard`, `childCard`.',
      '```ts',
      '[ignored](../nowhere.ts) `inside a fenced block`',
      '```',
      '[warm-up.ts](../gateway/src/warm-up.ts) — a mention of `unplanned` further on names nothing.',
    ].join('\n')
    expect(codeReferences(LIFE_OF_A_CHILD_CARD, markdown)[0]).toEqual({
      file: 'gateway/src/warm-up.ts',
      symbols: ['warmUp', 'coldStart'],
    })
    expect(brokenReferences(LIFE_OF_A_CHILD_CARD, markdown)).toEqual([
      'gateway/src/warm-up.ts: no coldStart',
      'gateway/src/gone.ts: no such file',
      'subgraphs/health/src/policy.ts: no Child.ngo',
      'schema/operations/ChildCard.graphql: no childCard',
    ])
  })

  it('read a plan’s nodes with their nesting, not its selections', () => {
    const plan =
      'QueryPlan {\n  Sequence {\n    Fetch(service: "social") {\n      { child { id } }\n    },\n    Flatten(path: "child") {'
    expect(planNodes(plan)).toEqual([
      'QueryPlan',
      '  Sequence',
      '    Fetch(service: "social")',
      '    Flatten(path: "child")',
    ])
  })
})
