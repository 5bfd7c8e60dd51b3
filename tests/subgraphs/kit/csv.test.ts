import { describe, expect, it } from 'vitest'
import { toCsv } from '@hub/platform/csv'

describe('the CSV of every download', () => {
  it('writes UTF-8 with a byte-order mark, fields joined by ";" and CRLF after every line', () => {
    const bytes = Buffer.from(
      toCsv([
        ['ФИО', 'Дата рождения'],
        ['Иванов Иван', '12.03.2025'],
      ]),
      'utf8',
    )
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.subarray(3).toString('utf8')).toBe('ФИО;Дата рождения\r\nИванов Иван;12.03.2025\r\n')
  })

  it('quotes a field holding a separator, a quote or a line break, doubling its quotes, and no other field', () => {
    expect(toCsv([['Петрова; Анна', 'АНО «Мир» "Дети"', 'две\nстроки', 'возврат\rкаретки', 'просто, текст']])).toBe(
      '\uFEFF"Петрова; Анна";"АНО «Мир» ""Дети""";"две\nстроки";"возврат\rкаретки";просто, текст\r\n',
    )
  })

  it('writes a number with a decimal comma and nothing as an empty field', () => {
    expect(toCsv([[12.5, 3, 0, null, '<5']])).toBe('\uFEFF12,5;3;0;;<5\r\n')
  })

  it('writes a list without rows as its headings alone', () => {
    expect(toCsv([['Год рождения', 'Пол', 'Критерии', 'Детей']])).toBe('\uFEFFГод рождения;Пол;Критерии;Детей\r\n')
  })
})
