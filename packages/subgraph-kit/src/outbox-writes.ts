/**
 * How many outbox rows this process has written (signals, events queued for a subscription). The kit wakes a
 * subgraph's deliveries after every mutation; a delivery reads its outbox only when this count has moved since its
 * last round, so a mutation that queued nothing costs no statement and leaves no round running after its answer.
 */
let written = 0

export function noteOutboxWrite() {
  written++
}

export function outboxWrites() {
  return written
}
