import { parsePositiveInt, type VariableSpec } from '@hub/platform/variables'
import type { SignalDeliveryOptions } from './delivery.js'

/** The variables of a side that emits child-find signals: how patiently it delivers them to social. */
export function signalDeliveryVariables(prefix: string): VariableSpec[] {
  return [
    {
      name: `${prefix}_SIGNAL_RETRY_MS`,
      description: 'How often child-find signals social has not confirmed are sent again (social down or refusing)',
      default: '10000',
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_SIGNAL_TIMEOUT_MS`,
      description: 'How long one delivery of a child-find signal to social may take',
      default: '5000',
      requiredInDeployment: false,
    },
  ]
}

/** The delivery of signals to social, at the URL the side already asks social about consents. */
export function loadSignalDelivery(
  prefix: string,
  values: Readonly<Record<string, string | undefined>>,
  socialUrl: string,
): SignalDeliveryOptions {
  return Object.freeze({
    url: socialUrl,
    retryMs: parsePositiveInt(`${prefix}_SIGNAL_RETRY_MS`, values[`${prefix}_SIGNAL_RETRY_MS`]),
    timeoutMs: parsePositiveInt(`${prefix}_SIGNAL_TIMEOUT_MS`, values[`${prefix}_SIGNAL_TIMEOUT_MS`]),
  })
}
