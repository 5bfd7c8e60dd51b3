/** Today's calendar date, 'YYYY-MM-DD', to compare with validity dates stored as text. */
export function today() {
  return new Date().toISOString().slice(0, 10)
}

/** Whether a period [from, to] (to null: open-ended) contains the given day. */
export function inForce(from: string, to: string | null, day = today()) {
  return from <= day && (to === null || to >= day)
}
