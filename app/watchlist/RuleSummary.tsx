/**
 * The rules in plain words, each with how many projects trip it (a link that lists only those),
 * its weight and whether it is switched on; and the total listed.
 */
import { formatCount } from '@/app/lib/format';
import type { Locale } from '@/app/lib/i18n';
import { pick } from '@/app/lib/i18n';
import { href, type SearchParams } from '@/app/lib/search-params';
import { WATCH_RULES, rulesParam, type WatchRuleKey, type WatchSettings } from '@/db/domain/watch-rules';
import { WATCHLIST_TEXT } from './text';

export function RuleSummary({
  counts,
  listed,
  settings,
  linkParams,
  locale,
}: {
  counts: Record<WatchRuleKey, number>;
  listed: number;
  settings: WatchSettings;
  linkParams: SearchParams;
  locale: Locale;
}) {
  const t = pick(WATCHLIST_TEXT, locale);
  const allOn = rulesParam(settings.rules) === undefined;
  return (
    <section className="panel watch-rules" aria-labelledby="watch-rules-heading">
      <h2 id="watch-rules-heading">{t.rulesHeading}</h2>
      <p className="caption">{t.rulesCaption}</p>
      <ol className="watch-rule-list">
        {WATCH_RULES.map((rule) => {
          const on = settings.rules.includes(rule.key);
          const only = on && settings.rules.length === 1;
          const label = rule.short[locale];
          return (
            <li key={rule.key} className={`watch-rule weight-${rule.weight}${on ? '' : ' is-off'}${only ? ' is-only' : ''}`} data-testid={`rule-${rule.key}`}>
              <a
                className="watch-rule-count"
                href={href('/watchlist', linkParams, { rules: rule.key })}
                aria-label={t.onlyThis(label, formatCount(counts[rule.key]))}
                aria-current={only ? 'true' : undefined}
                data-testid={`rule-count-${rule.key}`}
              >
                {formatCount(counts[rule.key])}
              </a>
              <div className="watch-rule-text">
                <span className={`watch-badge weight-${rule.weight}`}>{label}</span>
                <span className="watch-rule-weight">{t.weight(rule.weight)}</span>
                {!on && <span className="watch-rule-off">{t.off}</span>}
                <p>{rule.describe[locale](settings.thresholds)}</p>
              </div>
            </li>
          );
        })}
      </ol>
      <p className="watch-rule-total">
        {t.total}: <strong data-testid="listed-count">{formatCount(listed)}</strong>
        {t.projectsUnit}
        {!allOn && (
          <a href={href('/watchlist', linkParams, { rules: undefined })} data-testid="all-rules">
            {t.allRules}
          </a>
        )}
      </p>
    </section>
  );
}
