import type { Config } from '../../config';
import type { Actor } from '../../shared/actor';
import type { DirectoryService } from '../directory';
import { resolveReportFonts } from '../reports';
import type { PosterSubject } from './poster-layout';
import { renderPostersPdf } from './poster-pdf';
import { renderPosterPng } from './poster-png';

/** Enterprises on one batch poster file: every active enterprise of a community. */
const BATCH_LIMIT = 2000;

/**
 * Printable QR posters (SPEC §9): per enterprise, a QR code that opens the worker report form
 * with the enterprise filled in. Scope comes from the directory: staff get their community's
 * enterprises, admins their county's; anything else is 404.
 */
export function createPosterService(deps: {
  directory: DirectoryService;
  config: Pick<Config, 'publicUrl' | 'reportFont'>;
}) {
  const { directory, config } = deps;

  async function subjectOf(actor: Actor, enterpriseId: string): Promise<PosterSubject> {
    const enterprise = await directory.getEnterprise(actor, enterpriseId);
    const community = await directory.getCommunity(actor, enterprise.communityId);
    return {
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
      communityName: community.name,
    };
  }

  return {
    /** One enterprise's poster as an A4 PDF page or an A4 PNG. */
    async enterprisePoster(input: { actor: Actor; enterpriseId: string; format: 'pdf' | 'png' }) {
      const subject = await subjectOf(input.actor, input.enterpriseId);
      const fonts = resolveReportFonts(config.reportFont);
      const body =
        input.format === 'pdf'
          ? await renderPostersPdf([subject], fonts, config.publicUrl, subject.enterpriseName)
          : await renderPosterPng(subject, fonts, config.publicUrl);
      return { body, fileName: `${subject.enterpriseName}-扫码反映烦恼.${input.format}` };
    },

    /** Every active enterprise of a community, one poster per page, as one PDF. */
    async communityPosters(input: { actor: Actor; communityId: string }) {
      const community = await directory.getCommunity(input.actor, input.communityId);
      const enterprises = (
        await directory.listEnterprises(input.actor, {
          communityId: community.id,
          limit: BATCH_LIMIT,
          offset: 0,
        })
      ).filter((e) => e.active);
      const subjects = enterprises.map((e) => ({
        enterpriseId: e.id,
        enterpriseName: e.name,
        communityName: community.name,
      }));
      const fonts = resolveReportFonts(config.reportFont);
      const body = await renderPostersPdf(subjects, fonts, config.publicUrl, community.name);
      return { body, fileName: `${community.name}-企业扫码海报.pdf`, count: subjects.length };
    },
  };
}

export type PosterService = ReturnType<typeof createPosterService>;
