import { z } from 'zod';

/**
 * The formats a report answers in (`?format=`): JSON for the web app, CSV for a spreadsheet. A
 * format added here (Excel) is offered by every route that declares an export.
 */
export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The `format` query field of an exportable route; spread into its query schema. */
export const exportFormatField = {
  format: z
    .enum(EXPORT_FORMATS, { message: `must be one of ${EXPORT_FORMATS.join(', ')}` })
    .default('json')
    .meta({ description: '`json` (default), or `csv`: the whole report (every page) as a file to download' }),
};
