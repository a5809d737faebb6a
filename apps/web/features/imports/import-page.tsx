'use client';
import { Alert, Badge, Button, Checkbox, FileInput, Group, Progress, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import {
  IMPORT_FIELDS,
  IMPORT_KINDS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  importReportSchema,
  type ImportKind,
  type ImportReport,
} from '@tritiq/contracts';
import { useState } from 'react';
import { apiDownload, apiUpload, errorMessage } from '@/lib/api-client';
import { notify } from '@/lib/notify';

/**
 * Import customers, vendors or products from a CSV or Excel file (README "Import"): download a
 * template, choose a file (its upload shows its progress), read the dry run's report by row and
 * column, adjust which column fills which field, check again, then import all rows at once.
 */

const LABELS: Record<ImportKind, string> = {
  customers: 'Customers',
  vendors: 'Vendors',
  products: 'Products',
  opening_stock: 'Opening stock',
  ledger_openings: 'Ledger opening balances',
  opening_bills: 'Party opening bills',
};

/** What "update existing" does for each kind (README "Import"). */
const UPDATE_HINTS: Record<ImportKind, string> = {
  customers: 'a row naming an existing customer updates it',
  vendors: 'a row naming an existing vendor updates it',
  products: 'a row naming an existing product by name or part number updates it',
  opening_stock: 'a row for a product that already has opening stock replaces it',
  ledger_openings: 'a row for a ledger that already has an opening balance replaces it',
  opening_bills: "a row with a party's existing bill reference changes that bill",
};
const IGNORE = '__ignore__';

type Stage = { kind: 'idle' } | { kind: 'reading'; fraction: number } | { kind: 'sending'; fraction: number } | { kind: 'checking' };

function readBase64(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

export function ImportPage() {
  const [kind, setKind] = useState<ImportKind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [updateExisting, setUpdateExisting] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [done, setDone] = useState<ImportReport | null>(null);
  /** The mapping and "update existing" the report on screen was made with: a change needs another dry run. */
  const [checked, setChecked] = useState('');
  const busy = stage.kind !== 'idle';
  const current = JSON.stringify([mapping, updateExisting]);
  const dirty = report !== null && current !== checked;

  const reset = () => {
    setReport(null);
    setError(null);
    setDone(null);
  };

  const send = async (dryRun: boolean, base64: string, name: string, chosen: Record<string, string | null>) => {
    setError(null);
    setStage({ kind: 'sending', fraction: 0 });
    try {
      const body = {
        file_name: name,
        content_base64: base64,
        dry_run: dryRun,
        update_existing: updateExisting,
        ...(Object.keys(chosen).length ? { mapping: Object.entries(chosen).map(([heading, field]) => ({ heading, field })) } : {}),
      };
      const answer = await apiUpload(`/imports/${kind}`, body, importReportSchema, (fraction) =>
        setStage(fraction >= 1 ? { kind: 'checking' } : { kind: 'sending', fraction }),
      );
      if (dryRun) {
        setReport(answer);
        setChecked(JSON.stringify([chosen, updateExisting]));
      } else {
        setDone(answer);
        setReport(null);
        notify({ color: 'green', title: 'Imported', message: `${answer.created} created, ${answer.updated} updated` });
      }
    } catch (err) {
      setError(errorMessage(err));
      if (dryRun) setReport(null);
    } finally {
      setStage({ kind: 'idle' });
    }
  };

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setContent(null);
    setMapping({});
    reset();
    if (!chosen) return;
    if (chosen.size > IMPORT_MAX_BYTES) {
      setError(`The file is larger than the limit of ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it`);
      return;
    }
    setStage({ kind: 'reading', fraction: 0 });
    try {
      const base64 = await readBase64(chosen, (fraction) => setStage({ kind: 'reading', fraction }));
      setContent(base64);
      await send(true, base64, chosen.name, {});
    } catch (err) {
      setError(errorMessage(err));
      setStage({ kind: 'idle' });
    }
  };

  const downloadTemplate = async (format: 'xlsx' | 'csv') => {
    try {
      await apiDownload(`/imports/${kind}/template`, { format }, `${kind}-import-template.${format}`);
    } catch (err) {
      notify({ color: 'red', title: 'Could not download', message: errorMessage(err) });
    }
  };

  const fieldOptions = [
    { value: IGNORE, label: 'Ignore this column' },
    ...IMPORT_FIELDS[kind].map((f) => ({ value: f.key, label: `${f.label}${f.required ? ' (required)' : ''}` })),
  ];
  const labelOf = (key: string | null) => IMPORT_FIELDS[kind].find((f) => f.key === key)?.label ?? '—';

  return (
    <Stack gap="lg" maw={1100}>
      <Group align="flex-end" gap="md" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="import-kind-label">
            What to import
          </Text>
          <SegmentedControl
            aria-labelledby="import-kind-label"
            value={kind}
            disabled={busy}
            onChange={(v) => {
              setKind(v as ImportKind);
              void choose(null);
            }}
            data={IMPORT_KINDS.map((k) => ({ value: k, label: LABELS[k] }))}
          />
        </Stack>
        <Button variant="default" onClick={() => void downloadTemplate('xlsx')}>
          Excel template
        </Button>
        <Button variant="default" onClick={() => void downloadTemplate('csv')}>
          CSV template
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        A CSV file or an Excel workbook (.xlsx, its first sheet) with a header row naming the columns; at most{' '}
        {IMPORT_MAX_ROWS.toLocaleString('en-IN')} rows and {IMPORT_MAX_BYTES / 1024 / 1024} MB. Nothing is written until you press Import,
        and then every row or none.
      </Text>
      <FileInput
        label="File"
        placeholder="Choose a .csv or .xlsx file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => void choose(f)}
        disabled={busy}
        clearable
        clearButtonProps={{ 'aria-label': 'Remove the file' }}
        maw={480}
      />
      <Checkbox
        label={`Update existing (${UPDATE_HINTS[kind]})`}
        checked={updateExisting}
        disabled={busy}
        onChange={(e) => setUpdateExisting(e.currentTarget.checked)}
      />
      {stage.kind !== 'idle' && (
        <Stack gap={4} data-testid="import-progress">
          <Text size="sm">
            {stage.kind === 'reading' ? 'Reading the file…' : stage.kind === 'sending' ? 'Uploading…' : 'Checking every row…'}
          </Text>
          <Progress
            aria-label="Import progress"
            value={stage.kind === 'checking' ? 100 : Math.round(stage.fraction * 100)}
            animated={stage.kind === 'checking'}
            striped={stage.kind === 'checking'}
          />
        </Stack>
      )}
      {error && (
        <Alert color="red" title="The file cannot be imported" data-testid="import-error">
          {error}
        </Alert>
      )}
      {done && (
        <Alert color="green" title="Imported" data-testid="import-done">
          {`${done.rows} rows of ${done.file_name}: ${done.created} ${LABELS[done.kind].toLowerCase()} created, ${done.updated} updated.`}
        </Alert>
      )}
      {report && content && file && (
        <Stack gap="md" data-testid="import-report">
          <Group gap="sm">
            <Title order={3}>Dry run</Title>
            <Badge color={report.problem_count ? 'red' : 'green'} data-testid="import-summary">
              {report.problem_count
                ? `${report.problem_count} problem${report.problem_count === 1 ? '' : 's'} in ${report.rows} rows`
                : `${report.rows} rows ready: ${report.created} new, ${report.updated} to update`}
            </Badge>
          </Group>
          <Title order={4}>Columns</Title>
          <Table withTableBorder maw={720} data-testid="import-mapping">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Column in the file</Table.Th>
                <Table.Th>Fills the field</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.columns.map((c) => (
                <Table.Tr key={c.heading}>
                  <Table.Td>{c.heading}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Field for column ${c.heading}`}
                      data={fieldOptions}
                      value={(c.heading in mapping ? mapping[c.heading] : c.field) ?? IGNORE}
                      allowDeselect={false}
                      disabled={busy}
                      onChange={(v) => setMapping((m) => ({ ...m, [c.heading]: v === IGNORE || v === null ? null : v }))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {report.missing_fields.length > 0 && (
            <Text c="red" size="sm">
              Required fields without a column: {report.missing_fields.map(labelOf).join(', ')}
            </Text>
          )}
          {report.problems.length > 0 && (
            <>
              <Title order={4}>Problems</Title>
              <Table withTableBorder striped data-testid="import-problems">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Row</Table.Th>
                    <Table.Th>Column</Table.Th>
                    <Table.Th>Problem</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.problems.map((p, i) => (
                    <Table.Tr key={i} data-testid="import-problem">
                      <Table.Td>{p.row}</Table.Td>
                      <Table.Td>{p.column ?? '—'}</Table.Td>
                      <Table.Td>{p.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {report.problem_count > report.problems.length && (
                <Text size="sm" c="dimmed">
                  The first {report.problems.length} of {report.problem_count} problems are listed.
                </Text>
              )}
            </>
          )}
          <Group gap="sm">
            <Button variant="default" loading={busy} onClick={() => void send(true, content, file.name, mapping)}>
              Check again
            </Button>
            <Button
              loading={busy}
              disabled={report.problem_count > 0 || dirty}
              onClick={() => void send(false, content, file.name, mapping)}
            >
              {`Import ${report.rows} rows`}
            </Button>
          </Group>
          {dirty && (
            <Text size="sm" c="dimmed">
              Changed since the dry run: press Check again before importing.
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
