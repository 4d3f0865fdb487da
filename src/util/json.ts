/** A JSON value as the product writes it (state file, alert file, reports). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined }
