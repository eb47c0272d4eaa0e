import type { Kysely } from 'kysely';

import type { DB } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { localDayStart } from '../../shared/business-time';
import { badRequest, notFound } from '../../shared/errors';
import { createIndexService } from '../indices';
import { enqueueDeliveries, notifyUsers, usersWithRole } from '../notifications';
import { renderReportCharts } from './report-charts';
import { collectReportData } from './report-data';
import { resolveReportFonts } from './report-fonts';
import { isMonth, monthOf, monthRange, reportFileName } from './report-format';
import { renderReportPdf } from './report-pdf';
import { createReportRepository, type ReportRepository, type ReportRow } from './report-repository';
import { inReportScope, reportScopeOf } from './report-scope';
import { CONTENT_TYPES, createReportStorage, type ReportFormat } from './report-storage';
import { renderReportXlsx } from './report-xlsx';

/** A stored report as the API shows it. */
export interface ReportRecord {
  id: string;
  communityId: string;
  communityName: string;
  month: string;
  pdfBytes: number;
  xlsxBytes: number;
  generatedAt: number;
  generatedBy: string | null;
  generatedByName: string | null;
}

type Community = NonNullable<Awaited<ReturnType<ReportRepository['findCommunity']>>>;

function toRecord(row: ReportRow): ReportRecord {
  return {
    id: row.id,
    communityId: row.community_id,
    communityName: row.community_name,
    month: row.month,
    pdfBytes: row.pdf_bytes,
    xlsxBytes: row.xlsx_bytes,
    generatedAt: row.generated_at,
    generatedBy: row.generated_by,
    generatedByName: row.generated_by_name,
  };
}

/**
 * 月报已生成 (SPEC §9): the community's staff and the county's supervisors in-app, and the
 * community's channels through the outbox; once per (community, month).
 */
async function announceReport(
  trx: Kysely<DB>,
  community: Community,
  month: string,
  now: number,
): Promise<void> {
  const key = `report-ready:${community.id}:${month}`;
  const title = `${community.name} ${month} 月报已生成`;
  const body = `${community.name} ${month} 的烦恼指数月报（PDF 和 XLSX）已生成，可在“月报”页面下载。`;
  const recipients = [
    ...(await usersWithRole(trx, {
      role: 'staff',
      countyId: community.countyId,
      communityId: community.id,
    })),
    ...(await usersWithRole(trx, { role: 'supervisor', countyId: community.countyId })),
  ];
  await notifyUsers(
    trx,
    recipients,
    {
      kind: 'report.ready',
      title,
      body,
      entityType: 'report',
      entityId: community.id,
      dedupeKey: key,
    },
    now,
  );
  await enqueueDeliveries(trx, {
    event: 'report.ready',
    communityId: community.id,
    eventKey: key,
    message: {
      title,
      lines: [body],
      linkPath: `/reports?community=${community.id}&month=${month}`,
    },
    now,
  });
}

/**
 * Monthly reports (月报, SPEC §4): renders a community's month as PDF and XLSX from the indices,
 * stores both under DATA_DIR and records one row per (community, month); regenerating replaces
 * the files and updates the row. Reads are scoped like the indices; out of scope = 404.
 */
export function createReportService(deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'config'>) {
  const repo = createReportRepository(deps.db);
  const indices = createIndexService(deps);
  const storage = createReportStorage(deps.config.dataDir);
  // Concurrent requests for the same (community, month) in this instance share one rendering.
  const inflight = new Map<string, Promise<ReportRecord>>();

  async function render(community: Community, month: string, generatedBy: string | null) {
    const fonts = resolveReportFonts(deps.config.reportFont);
    const data = await collectReportData(indices, { community, month, now: deps.clock.now() });
    const charts = await renderReportCharts(data, fonts);
    const [pdf, xlsx] = await Promise.all([
      renderReportPdf(data, charts, fonts),
      renderReportXlsx(data),
    ]);
    const pdfPath = storage.relativePath(community.id, month, 'pdf');
    const xlsxPath = storage.relativePath(community.id, month, 'xlsx');
    await storage.write(pdfPath, pdf);
    await storage.write(xlsxPath, xlsx);
    const complete = data.generatedAt >= localDayStart(monthRange(month).to);
    // The row and, for a complete month, the "report ready" notices commit together.
    await deps.db.transaction().execute(async (trx) => {
      await createReportRepository(trx).upsert({
        community_id: community.id,
        month,
        pdf_path: pdfPath,
        xlsx_path: xlsxPath,
        pdf_bytes: pdf.length,
        xlsx_bytes: xlsx.length,
        generated_at: data.generatedAt,
        generated_by: generatedBy,
      });
      if (complete) {
        await announceReport(trx, community, month, data.generatedAt);
      }
    });
    const row = await repo.find(community.id, month);
    if (!row) {
      throw new Error(`report ${community.id} ${month} vanished after it was stored`);
    }
    return toRecord(row);
  }

  /** Renders and stores the report of a community (id or slug) and month (YYYY-MM). */
  async function generate(input: {
    communityId: string;
    month: string;
    actor?: Actor;
  }): Promise<ReportRecord> {
    if (!isMonth(input.month)) {
      throw badRequest('periodMonth');
    }
    if (input.month > monthOf(deps.clock.now())) {
      throw badRequest('reportMonthFuture');
    }
    const community = await repo.findCommunity(input.communityId);
    if (!community || (input.actor && !inReportScope(reportScopeOf(input.actor), community))) {
      throw notFound('community', input.communityId);
    }
    const key = `${community.id}@${input.month}`;
    const running = inflight.get(key);
    if (running) {
      return running;
    }
    const job = render(community, input.month, input.actor?.userId ?? null).finally(() =>
      inflight.delete(key),
    );
    inflight.set(key, job);
    return job;
  }

  return {
    generate,

    /**
     * The monthly job's work: the report of `month` for every community that has no complete
     * one yet (complete = generated after the month ended), so a second run or a catch-up after
     * downtime renders nothing twice. One community's failure does not stop the others.
     */
    async generateMissing(month: string): Promise<{ generated: string[]; skipped: string[] }> {
      const monthEnd = localDayStart(monthRange(month).to);
      const out = { generated: [] as string[], skipped: [] as string[] };
      const failures: string[] = [];
      for (const communityId of await repo.listCommunityIds()) {
        const existing = await repo.find(communityId, month);
        if (existing && existing.generated_at >= monthEnd) {
          out.skipped.push(communityId);
          continue;
        }
        try {
          await generate({ communityId, month });
          out.generated.push(communityId);
        } catch (error) {
          failures.push(
            `${communityId}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      if (failures.length > 0) {
        throw new Error(`monthly report ${month} failed for ${failures.join('; ')}`);
      }
      return out;
    },

    /** Reports the actor may see, optionally of one community; newest month first. */
    async list(actor: Actor, communityId?: string): Promise<ReportRecord[]> {
      const scope = reportScopeOf(actor);
      if (!scope) {
        return [];
      }
      if (communityId !== undefined) {
        const community = await repo.findCommunity(communityId);
        if (!community || !inReportScope(scope, community)) {
          throw notFound('community', communityId);
        }
        return (await repo.list(scope, community.id)).map(toRecord);
      }
      return (await repo.list(scope, undefined)).map(toRecord);
    },

    /** A stored report file for download: absolute path, size, Chinese file name, MIME type. */
    async file(actor: Actor, reportId: string, format: ReportFormat) {
      const row = await repo.findById(reportId);
      const scope = reportScopeOf(actor);
      if (!row || !inReportScope(scope, { id: row.community_id, countyId: row.county_id })) {
        throw notFound('report', reportId);
      }
      const relative = format === 'pdf' ? row.pdf_path : row.xlsx_path;
      const size = await storage.size(relative);
      if (size === null) {
        throw notFound('report', reportId);
      }
      return {
        path: storage.absolute(relative),
        size,
        fileName: reportFileName(row.community_name, row.month, format),
        contentType: CONTENT_TYPES[format],
      };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
