import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createMasterplanServices, type MasterplanServices } from '../src/language/module.js';
import { loadAndValidate } from '../src/language/workspace-loader.js';
import { findPlanFiles } from '../src/language/plan-files.js';
import { createCliServices } from '../src/cli/services.js';

/** The project's root folder. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A path inside the project. */
export function projectPath(...segments: string[]): string {
    return path.join(PROJECT_ROOT, ...segments);
}

export interface InMemoryResult {
    services: MasterplanServices;
    documents: Map<string, LangiumDocument>;
    /** Diagnostics per file path (as given). */
    diagnostics: Map<string, Diagnostic[]>;
    /** All diagnostics' codes, sorted. */
    codes: string[];
}

/**
 * Builds and validates in-memory files. Keys are paths such as `/plan/masterplan.mplan`; a folder
 * holding a `masterplan` declaration becomes a plan root exactly as on disk.
 */
export async function validateFiles(files: Record<string, string>, services = createMasterplanServices(EmptyFileSystem)): Promise<InMemoryResult> {
    const shared = services.shared;
    const documents = new Map<string, LangiumDocument>();
    for (const [file, text] of Object.entries(files)) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.set(file, document);
    }
    await shared.workspace.DocumentBuilder.build([...documents.values()], { validation: true });
    const diagnostics = new Map<string, Diagnostic[]>();
    const codes: string[] = [];
    for (const [file, document] of documents) {
        const list = document.diagnostics ?? [];
        diagnostics.set(file, list);
        for (const d of list) codes.push(String(d.code));
    }
    return { services: services.Masterplan, documents, diagnostics, codes: codes.sort() };
}

/** Loads and validates plan folders from disk, as `mplan validate` does. */
export async function validateOnDisk(...paths: string[]) {
    const { shared, Masterplan } = createCliServices();
    const found = await findPlanFiles(paths);
    const loaded = await loadAndValidate(shared, found.files);
    const codes = loaded.documents.flatMap(doc => (doc.diagnostics ?? []).map(d => String(d.code))).sort();
    return { services: Masterplan, shared, found, loaded, codes };
}

/** A minimal valid plan, as a base for tests that add one problem. */
export const MINIMAL_PLAN = {
    '/plan/masterplan.mplan': `masterplan Contoh "Masterplan Smart City Kabupaten Contoh" {
    region "Kabupaten Contoh"
    period 2020..2029
    vision "Contoh cerdas"
    rpjmd RPJMD2019
}
owner Diskominfo "Dinas Komunikasi dan Informatika" kind agency
owner Bappeda "Badan Perencanaan Pembangunan Daerah" kind agency
rpjmd RPJMD2019 "RPJMD 2019-2024" {
    period 2019..2024
    mission M1 "Misi" {
        goal G1 "Tujuan" {
            objective O1 "Sasaran" { indicator "IKM" unit "%" baseline 2019: 70 target 2024: 85 }
        }
    }
    program P21603 "Pengelolaan Aplikasi Informatika" code "2.16.03" owner Diskominfo serves M1.G1.O1
}
`,
    '/plan/pillars.mplan': `pillar Governance "Smart Governance" dimension Governance {
    programme EOffice "E-Office" {
        element Bureaucracy
        owner Diskominfo partners Bappeda
        years 2021..2023
        budget 2021: Rp 800 juta, 2022: Rp 1,2 miliar
        supports RPJMD2019.M1.G1.O1
    }
    quickwin Pengaduan "Kanal pengaduan daring" {
        element PublicService
        owner Diskominfo
        year 2020
        supports RPJMD2019.P21603
    }
}
`,
};
