import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
} from 'chart.js'
import type { ReactNode } from 'react'
import { Bar, Line } from 'react-chartjs-2'

// Chart.js is tree-shaken: only the pieces of a bar and a line chart are bundled.
ChartJS.register(BarElement, CategoryScale, Legend, LinearScale, LineElement, PointElement, Tooltip)

export interface ChartSeries {
  label: string
  /** One value per label; null (hidden or not computable) leaves a gap. */
  values: readonly (number | null)[]
  colour: string
}

/** A percentage axis from 0 to 100; the bars run along it, horizontally, with a name per row. */
const PERCENT_AXIS = { min: 0, max: 100, title: { display: true, text: '%' } }
const BAR_OPTIONS: ChartOptions<'bar'> = {
  maintainAspectRatio: false,
  animation: false,
  indexAxis: 'y',
  scales: { x: PERCENT_AXIS },
}
const LINE_OPTIONS: ChartOptions<'line'> = { maintainAspectRatio: false, animation: false, scales: { y: PERCENT_AXIS } }

/**
 * Percentages as horizontal bars (one per label) or as a line over time (a label per point). The canvas is an image
 * to a screen reader; the table under it, with the same numbers, is what it reads.
 */
export function PercentChart({
  kind,
  title,
  labels,
  series,
  table,
}: {
  kind: 'bar' | 'line'
  title: string
  labels: readonly string[]
  series: readonly ChartSeries[]
  table: ReactNode
}) {
  const datasets = series.map((s) => ({
    label: s.label,
    data: [...s.values],
    backgroundColor: s.colour,
    borderColor: s.colour,
  }))
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-canvas" role="img" aria-label={`${title}: диаграмма, данные в таблице ниже`}>
        {kind === 'bar' ? (
          <Bar data={{ labels: [...labels], datasets }} options={BAR_OPTIONS} />
        ) : (
          <Line data={{ labels: [...labels], datasets }} options={LINE_OPTIONS} />
        )}
      </div>
      <details open>
        <summary>Таблица данных</summary>
        {table}
      </details>
    </figure>
  )
}
