// Types of the generated validator beside this file (scripts/write-schemas.ts).
import type { ValidateFunction } from 'ajv'

declare const validate: ValidateFunction
export { validate }
export default validate
