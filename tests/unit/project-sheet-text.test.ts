/**
 * Review texts, reasons and Plan fields come from CSV files anyone can write: the sheet renders
 * them as text, so markup in them shows as characters and never becomes HTML.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ActionSection } from '../../app/projects/[code]/action-section';
import { PlanSection } from '../../app/projects/[code]/plan-section';
import { SHEET_TEXT } from '../../app/projects/[code]/text';
import type { ProjectYear } from '../../db/queries/project-sheet';
import type { Project } from '../../db/schema';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>&amp;';

const year = (over: Partial<ProjectYear>): ProjectYear =>
  ({
    fiscalYear: 2024,
    previousPolicy: null,
    implementationMethod: null,
    activities: null,
    projectCost: null,
    nationalPrefectural: null,
    localBonds: null,
    otherSpecific: null,
    generalFunds: null,
    regularStaffFte: null,
    regularStaffHours: null,
    regularStaffCost: null,
    otherStaffFte: null,
    otherStaffHours: null,
    otherStaffCost: null,
    staffCost: null,
    totalCost: '0',
    totalCostStated: null,
    targetDefinition: null,
    targetCount: null,
    targetUnit: null,
    unitCostYen: null,
    unitCostStatedYen: null,
    population: null,
    costPerCitizen: null,
    review: null,
    direction: null,
    ...over,
  }) satisfies ProjectYear;

describe('project sheet texts', () => {
  it('renders the director’s review and direction as text, line breaks kept', () => {
    const html = renderToStaticMarkup(
      createElement(ActionSection, { years: [year({ review: `${HOSTILE}\n二行目`, direction: '<b>拡充</b>' })], locale: 'ja', t: SHEET_TEXT.ja }),
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>拡充');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;\n二行目');
    expect(html).toContain('&lt;b&gt;拡充&lt;/b&gt;');
  });

  it('renders the Plan fields as text', () => {
    const project = {
      background: HOSTILE,
      purpose: null,
      targetDescription: null,
      content: null,
      relatedLaws: null,
      nationalPlans: null,
      individualPlans: null,
    } as Project;
    const html = renderToStaticMarkup(createElement(PlanSection, { project, t: SHEET_TEXT.en }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
