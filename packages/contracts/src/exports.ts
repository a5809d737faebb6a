import { z } from 'zod';

/**
 * The formats a report or list answers in (`?format=`): JSON for the web app, CSV or Excel (.xlsx)
 * for a spreadsheet. A format added here is offered by every route that declares an export.
 */
export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The `format` query field of an exportable route; spread into its query schema. */
export const exportFormatField = {
  format: z
    .enum(EXPORT_FORMATS, { message: `must be one of ${EXPORT_FORMATS.join(', ')}` })
    .default('json')
    .meta({ description: '`json` (default), or `csv` or `xlsx` (Excel): the whole report or list (every page) as a file to download' }),
};
