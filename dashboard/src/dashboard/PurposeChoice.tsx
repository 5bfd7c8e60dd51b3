import { useState } from 'react'
import { PURPOSES, readPurpose, savePurpose, type AccessPurposeCode } from '../shared/purpose'
import { ACCESS_PURPOSE } from './labels'

/**
 * The purpose of access, chosen in the header and remembered for the tab; every request sends it, and a page read
 * after the change is read under the new purpose.
 */
export function PurposeChoice({ onChange }: { onChange: (purpose: AccessPurposeCode) => void }) {
  const [purpose, setPurpose] = useState(readPurpose)
  return (
    <label className="purpose">
      Цель доступа
      <select
        value={purpose}
        onChange={(event) => {
          const chosen = event.target.value as AccessPurposeCode
          savePurpose(chosen)
          setPurpose(chosen)
          onChange(chosen)
        }}
      >
        {PURPOSES.map((code) => (
          <option key={code} value={code} title={ACCESS_PURPOSE[code]}>
            {ACCESS_PURPOSE[code]}
          </option>
        ))}
      </select>
    </label>
  )
}
