import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type Span,
  type TextMapSetter,
} from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'

const propagator = new W3CTraceContextPropagator()

/** Anything with `set(name, value)`: the Headers of a gateway's subgraph fetch. */
const headerSetter: TextMapSetter<{ set(name: string, value: string): void }> = {
  set: (carrier, key, value) => carrier.set(key, value),
}

export interface Tracing {
  /** A span for a request received, continuing the caller's trace when its `traceparent` header names one. */
  startServerSpan(name: string, headers: Record<string, string | string[] | undefined>): Span
  /** A span for a call to another service inside `parent`, whose `traceparent` goes into the call's headers. */
  startClientSpan(name: string, parent: Span | undefined, headers: { set(name: string, value: string): void }): Span
  /** Sends what is still buffered and stops. */
  stop(): Promise<void>
}

/**
 * A tracer of this service's own (not the global one): the hub's services share one process in the tests, and each
 * must report under its own `service.name`. Spans leave in batches from a background timer, so a request only
 * records them.
 */
export function createTracing(service: string, tracesUrl: string): Tracing {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl }))],
  })
  const tracer = provider.getTracer('early-help-hub')
  return {
    startServerSpan(name, headers) {
      const parent = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter)
      return tracer.startSpan(name, { kind: SpanKind.SERVER }, parent)
    },
    startClientSpan(name, parent, headers) {
      const context = parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT
      const span = tracer.startSpan(name, { kind: SpanKind.CLIENT }, context)
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, headerSetter)
      return span
    },
    stop: () => provider.shutdown(),
  }
}

/** Ends a span, marked as failed when the request or call failed. */
export function endSpan(span: Span, failed: boolean, attributes: Record<string, string | number> = {}) {
  span.setAttributes(attributes)
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR })
  span.end()
}

/** The `traceparent` of a call made inside `span` without a span of its own (a subgraph asking another). */
export function traceHeaders(span: Span): Record<string, string> {
  const headers: Record<string, string> = {}
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter)
  return headers
}
