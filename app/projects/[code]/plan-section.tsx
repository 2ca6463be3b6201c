/** 計画 (Plan): why the project exists and what it does — descriptive text kept from the latest sheet. */
import type { Project } from '@/db/schema';
import type { SheetText } from './text';

export function PlanSection({ project, t }: { project: Project; t: SheetText }) {
  const p = t.plan;
  const fields: [string, string | null][] = [
    [p.background, project.background],
    [p.purpose, project.purpose],
    [p.target, project.targetDescription],
    [p.content, project.content],
    [p.relatedLaws, project.relatedLaws],
    [p.nationalPlans, project.nationalPlans],
    [p.individualPlans, project.individualPlans],
  ];
  return (
    <section id="plan" className="sheet-section panel" data-testid="section-plan" aria-labelledby="plan-title">
      <h2 id="plan-title" className="pdca plan">
        {p.title}
      </h2>
      <dl className="text-fields">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className={value ? 'prose' : 'missing'}>{value || t.empty}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
