import { XMLBuilder } from 'fast-xml-parser';

import { isoLocal } from '../../shared/business-time';
import { CLOSED_PROBLEM, CLOSED_TROUBLE, type RequestRow } from './open311-read-model';

/**
 * GeoReport v2 shapes (docs/open311.md): field names exactly as the specification defines them;
 * JSON mirrors the XML, whose roots are <services>, <service_definition>, <service_requests> and
 * <errors>. Pure functions.
 */
export type Format = 'json' | 'xml';

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface ServiceAttribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface OpenError {
  code: number;
  description: string;
}

/** The attributes every service takes (all optional): how serious, how urgent, how many. */
export const SERVICE_ATTRIBUTES: ServiceAttribute[] = [
  {
    variable: true,
    code: 'severity',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: '轻 minor 或 重 major',
    order: 1,
    description: '严重程度（轻/重）',
    values: [
      { key: 'minor', name: '轻' },
      { key: 'major', name: '重' },
    ],
  },
  {
    variable: true,
    code: 'urgency',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: '缓 normal 或 急 urgent',
    order: 2,
    description: '紧急程度（缓/急）',
    values: [
      { key: 'normal', name: '缓' },
      { key: 'urgent', name: '急' },
    ],
  },
  {
    variable: true,
    code: 'workers_affected',
    datatype: 'number',
    required: false,
    datatype_description: '1 至 100000 的整数',
    order: 3,
    description: '涉及职工人数',
    values: [],
  },
];

/** Removes what could identify a person from public text: mobile, ID and e-mail numbers. */
export function redactPublic(text: string): string {
  return text
    .replace(/(?<!\d)\d{17}[\dXx](?!\d)/g, (m) => `${m.slice(0, 3)}***************`)
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => `${m.slice(0, 3)}****${m.slice(7)}`)
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '***@***');
}

/** The promise of the community (SPEC §3) as a notice. */
export function promiseNotice(row: {
  coordination_hours: number | null;
  resolution_hours: number | null;
  time_mode: string | null;
}): string {
  const c = row.coordination_hours ?? 24;
  const r = row.resolution_hours ?? 168;
  const unit = row.time_mode === 'workdays' ? '个工作日' : '日';
  const days = (h: number) => (h % 24 === 0 ? `${h / 24}${unit}` : `${h}小时`);
  return `已受理。承诺：${c}小时内协调落实，${days(r)}内办结或正式答复。`;
}

/** A trouble as a GeoReport service request: the public view only. */
export function toServiceRequest(row: RequestRow): ServiceRequest {
  const closed =
    (CLOSED_TROUBLE as readonly string[]).includes(row.status) ||
    (row.problem_status !== null &&
      (CLOSED_PROBLEM as readonly string[]).includes(row.problem_status));
  const updated = Math.max(row.updated_at, row.problem_updated_at ?? 0);
  return {
    service_request_id: row.id,
    status: closed ? 'closed' : 'open',
    status_notes: closed
      ? (row.public_summary ?? row.resolution_text ?? row.on_spot_answer ?? null)
      : null,
    service_name: row.category_name ?? '未分类',
    service_code: row.category_code ?? '',
    description: redactPublic(row.title),
    agency_responsible: row.lead_department ?? row.community_name,
    service_notice: promiseNotice(row),
    requested_datetime: isoLocal(row.received_at),
    updated_datetime: isoLocal(updated),
    expected_datetime:
      row.resolution_due_at !== null && !closed ? isoLocal(row.resolution_due_at) : null,
    address: row.community_name,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/** XML values: null becomes an empty element; booleans and numbers print as text. */
function xmlValue(v: unknown): unknown {
  if (v === null || v === undefined) {
    return '';
  }
  if (Array.isArray(v)) {
    return v.map(xmlValue);
  }
  if (typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, xmlValue(x)]));
  }
  return v;
}

export function toXml(root: string, child: string | null, value: unknown): string {
  const body =
    child === null ? { [root]: xmlValue(value) } : { [root]: { [child]: xmlValue(value) } };
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build(body)}`;
}

/** The XML of a service definition: attributes → attribute, values → value. */
export function serviceDefinitionXml(code: string, attributes: ServiceAttribute[]): string {
  return toXml('service_definition', null, {
    service_code: code,
    attributes: {
      attribute: attributes.map((a) => ({ ...a, values: { value: a.values } })),
    },
  });
}

export function errorsBody(format: Format, errors: OpenError[]): string {
  return format === 'xml' ? toXml('errors', 'error', errors) : JSON.stringify(errors);
}

export const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};
