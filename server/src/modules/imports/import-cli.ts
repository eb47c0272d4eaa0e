import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { ImportKind } from '../../db/schema';
import { systemActor } from '../../shared/actor';
import type { ImportJob } from './import-repository';
import type { ImportJobView, ImportService } from './import-service';

/** A progress bar on stderr: `[#######.............]  35%  35,000 / ~100,000 rows`. */
export function progressBar(label: string): (job: ImportJob) => void {
  return (job) => {
    const share = Math.min(1, job.bytes_read / Math.max(1, job.file_bytes));
    const filled = Math.round(share * 30);
    const total = job.total_estimate ? ` / ~${job.total_estimate.toLocaleString('en')}` : '';
    process.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${job.rows_read.toLocaleString('en')}${total} rows `,
    );
  };
}

function summary(view: ImportJobView): string {
  const lines = [
    `file: ${view.fileName} (${view.format}${view.encoding ? `, encoding ${view.encoding}` : ''}), header row ${view.headerRow ?? '-'}`,
    `rows: ${view.progress.rowsRead} read, ${view.counts.good} good, ${view.counts.bad} bad, ${view.counts.skipped} already imported (skipped), ${view.counts.committed} committed`,
  ];
  for (const e of view.errors.slice(0, 30)) {
    lines.push(`  第 ${e.row} 行 ${e.column}(${e.code}): ${e.message}`);
  }
  if (view.counts.bad > 30) {
    lines.push(`  … ${view.counts.bad - 30} more bad rows (use --errors <file.xlsx>)`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `npx fannao import <kind> <file> [--community c] [--commit] [--errors bad.xlsx]`: dry run
 * (always), then the commit of the good rows when --commit is given; progress on stderr.
 */
export async function runImportCommand(
  imports: ImportService,
  input: { kind: ImportKind; file: string; community?: string; commit: boolean; errors?: string },
): Promise<ImportJobView> {
  const temp = path.join(os.tmpdir(), `fannao-cli-import-${process.pid}-${Date.now()}`);
  await fs.promises.copyFile(input.file, temp);
  let view = await imports.start({
    actor: systemActor,
    kind: input.kind,
    community: input.community,
    tempFile: temp,
    fileName: path.basename(input.file),
    wait: true,
    onProgress: progressBar('校验 validate'),
  });
  process.stderr.write('\n');
  process.stdout.write(`import ${view.id}: dry run ${view.status}\n${summary(view)}`);
  if (input.errors && view.counts.bad > 0) {
    const bad = await imports.badRows(systemActor, view.id);
    const { writeErrorsFile } = await import('./errors-file'); // exceljs, only when asked for
    await writeErrorsFile(bad, fs.createWriteStream(input.errors), 'zh-CN');
    process.stdout.write(`bad rows written to ${input.errors}\n`);
  }
  if (input.commit && view.status === 'validated') {
    view = await imports.commit({
      actor: systemActor,
      id: view.id,
      wait: true,
      onProgress: progressBar('导入 commit  '),
    });
    process.stderr.write('\n');
    process.stdout.write(`import ${view.id}: ${view.status}\n${summary(view)}`);
  } else if (view.status === 'validated') {
    process.stdout.write(
      `dry run only: add --commit to import the ${view.counts.good} good rows\n`,
    );
  }
  if (view.failure) {
    process.stderr.write(`${view.failure.code}: ${view.failure.message}\n`);
    process.exitCode = 1;
  }
  return view;
}
