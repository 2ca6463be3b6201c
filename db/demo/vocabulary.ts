/**
 * Words the demo city is made of: a policy tree shaped like a real 総合計画, departments, and
 * project topics per まちづくり目標. Fictional, but every name is one a planning division would
 * recognise.
 */

export interface MeasureSpec {
  name: string;
}
export interface DirectionSpec {
  name: string;
  measures: string[];
}
export interface BasicPolicySpec {
  name: string;
  directions: DirectionSpec[];
}
export interface GoalSpec {
  pillar: string;
  name: string;
  basicPolicies: BasicPolicySpec[];
  /** Departments that run this goal's projects. */
  departments: string[];
  /** Project topics; combined with an action to make project names. */
  topics: string[];
  /** How well this area tends to do (shifts attainment and ratings). */
  performance: number;
  /** Typical share of 国県支出金 and 地方債 in the project cost. */
  subsidyShare: number;
  bondShare: number;
}

export const GOALS: GoalSpec[] = [
  {
    pillar: '子育て・教育',
    name: '子どもを生み育てやすく、学びあふれるまち',
    basicPolicies: [
      {
        name: '安心して子どもを生み育てられる環境をつくる',
        directions: [
          { name: '妊娠・出産から子育てまで切れ目なく支援する', measures: ['母子保健の充実', '子育て相談体制の充実', '子育て家庭への経済的支援'] },
          { name: '多様な保育ニーズに応える', measures: ['保育サービスの充実', '放課後の居場所づくり'] },
        ],
      },
      {
        name: '子どもたちの生きる力を育む',
        directions: [
          { name: '確かな学力と豊かな心を育てる', measures: ['学校教育の充実', '特別支援教育の推進', 'いじめ・不登校対策の推進'] },
          { name: '安全で快適な教育環境を整える', measures: ['学校施設の整備', '学校給食の充実'] },
        ],
      },
      {
        name: '生涯にわたり学び、文化に親しむ',
        directions: [{ name: '学びと文化の機会を広げる', measures: ['生涯学習の推進', '図書館サービスの充実', '文化芸術の振興'] }],
      },
    ],
    departments: ['子ども部', '教育部'],
    topics: [
      '保育所',
      '放課後児童クラブ',
      '子育て支援センター',
      '乳幼児健診',
      '児童手当',
      'ひとり親家庭',
      '小学校',
      '中学校',
      '学校給食',
      '英語教育',
      'ICT教育',
      '特別支援教育',
      '不登校児童生徒',
      '学校施設',
      '通学路',
      '図書館',
      '公民館',
      '青少年育成',
      '文化財',
      '市民文化祭',
      '家庭教育',
      '部活動地域移行',
    ],
    performance: 0.06,
    subsidyShare: 0.35,
    bondShare: 0.08,
  },
  {
    pillar: '健康・福祉',
    name: '健やかに暮らし、支え合うまち',
    basicPolicies: [
      {
        name: '生涯を通じた健康づくりを進める',
        directions: [{ name: '健康寿命を延ばす', measures: ['健康づくりの推進', '疾病予防と早期発見', '地域医療体制の確保'] }],
      },
      {
        name: '誰もが安心して暮らせる地域福祉を進める',
        directions: [
          { name: '高齢者が自分らしく暮らせる', measures: ['介護予防の推進', '地域包括ケアの推進'] },
          { name: '障がいのある人の自立と社会参加を支える', measures: ['障がい福祉サービスの充実', '就労支援の推進'] },
          { name: '生活の安定を支える', measures: ['生活困窮者の自立支援', '地域福祉活動の推進'] },
        ],
      },
    ],
    departments: ['保健福祉部'],
    topics: [
      '特定健診',
      'がん検診',
      '予防接種',
      '健康ポイント',
      '介護予防',
      '認知症サポーター',
      '地域包括支援センター',
      '高齢者見守り',
      '配食サービス',
      '障がい者就労',
      '障がい児通所',
      '手話通訳',
      '生活困窮者自立相談',
      '民生委員',
      '成年後見',
      '休日夜間急患診療',
      '自殺対策',
      '国民健康保険',
    ],
    performance: -0.02,
    subsidyShare: 0.5,
    bondShare: 0.02,
  },
  {
    pillar: '環境・安全',
    name: '安全・安心で、人と自然が共生するまち',
    basicPolicies: [
      {
        name: '災害や犯罪に強いまちをつくる',
        directions: [
          { name: '地域の防災力を高める', measures: ['防災体制の強化', '消防・救急体制の充実'] },
          { name: '日常の安全を守る', measures: ['防犯・交通安全の推進', '消費生活の安定'] },
        ],
      },
      {
        name: '豊かな自然と環境を次代へ引き継ぐ',
        directions: [{ name: '脱炭素と資源循環を進める', measures: ['地球温暖化対策の推進', 'ごみの減量化と資源化', '自然環境の保全'] }],
      },
    ],
    departments: ['市民生活部', '環境部', '消防本部'],
    topics: [
      '自主防災組織',
      '防災行政無線',
      '避難所',
      '消防団',
      '救急救命',
      '防犯灯',
      '交通安全教室',
      '消費生活相談',
      '太陽光発電',
      'ごみ収集',
      '資源回収',
      '不法投棄',
      '里山保全',
      '河川美化',
      '環境学習',
      'カーボンニュートラル',
    ],
    performance: 0.02,
    subsidyShare: 0.15,
    bondShare: 0.12,
  },
  {
    pillar: '都市基盤',
    name: '快適で、活力ある都市基盤のまち',
    basicPolicies: [
      {
        name: '計画的な土地利用と魅力ある市街地をつくる',
        directions: [{ name: '都市機能を集約し、にぎわいを生む', measures: ['計画的な土地利用の推進', '中心市街地の整備', '住環境の向上'] }],
      },
      {
        name: '安全で便利な交通網を整える',
        directions: [
          { name: '道路と橋りょうを守り育てる', measures: ['道路の整備', '橋りょうの長寿命化'] },
          { name: '誰もが移動しやすい交通をつくる', measures: ['公共交通の確保'] },
        ],
      },
      {
        name: '快適な生活基盤を守る',
        directions: [{ name: '水と緑の基盤を保つ', measures: ['下水道の整備', '公園・緑地の整備'] }],
      },
    ],
    departments: ['都市部', '土木部', '上下水道部'],
    topics: [
      '都市計画道路',
      '生活道路',
      '橋りょう',
      '道路照明',
      'コミュニティバス',
      'デマンド交通',
      '駅前広場',
      '空き家対策',
      '市営住宅',
      '公園',
      '街路樹',
      '下水道管渠',
      '雨水排水',
      '土地区画整理',
      'バリアフリー',
    ],
    performance: -0.06,
    subsidyShare: 0.25,
    bondShare: 0.35,
  },
  {
    pillar: '産業・観光',
    name: 'にぎわいと交流を生む産業のまち',
    basicPolicies: [
      {
        name: '地域経済の活力を高める',
        directions: [
          { name: '商工業と起業を支える', measures: ['商業の振興', '企業誘致と創業支援', '雇用の促進'] },
          { name: '農業を守り育てる', measures: ['農業の担い手育成', '農地の保全'] },
        ],
      },
      {
        name: '人を呼び込む観光をつくる',
        directions: [{ name: '地域資源を生かして交流を広げる', measures: ['観光の振興', 'シティプロモーションの推進'] }],
      },
    ],
    departments: ['経済部'],
    topics: [
      '商店街',
      '中小企業融資',
      '創業支援',
      '企業誘致',
      '就労相談',
      '新規就農',
      '農地中間管理',
      '鳥獣被害対策',
      '地産地消',
      '観光案内所',
      '観光イベント',
      'ふるさと納税',
      'シティプロモーション',
      'インバウンド',
    ],
    performance: -0.1,
    subsidyShare: 0.2,
    bondShare: 0.05,
  },
  {
    pillar: '自治力',
    name: 'みんなで考え行動するまち',
    basicPolicies: [
      {
        name: '市民と行政がともに力を合わせる',
        directions: [{ name: '協働と参画を進める', measures: ['市民協働の推進', '地域コミュニティの活性化', '男女共同参画の推進'] }],
      },
      {
        name: '次代へつながる確かな行財政運営を行う',
        directions: [{ name: '効率的で信頼される市政を進める', measures: ['市民に信頼される市政の推進', '健全な財政運営', '行政のデジタル化'] }],
      },
    ],
    departments: ['企画部', '総務部'],
    topics: [
      '自治会',
      '市民活動センター',
      '広報紙',
      '市民相談',
      '男女共同参画',
      '国際交流',
      '行政評価',
      '公共施設マネジメント',
      '電子申請',
      '窓口サービス',
      '職員研修',
      '市税収納',
      '情報公開',
      '広域連携',
    ],
    performance: 0.03,
    subsidyShare: 0.05,
    bondShare: 0.02,
  },
];

export const SECTIONS: Record<string, string[]> = {
  子ども部: ['子育て支援課', '保育課'],
  教育部: ['教育総務課', '学校教育課', '生涯学習課'],
  保健福祉部: ['福祉総務課', '介護高齢福祉課', '障害福祉課', '健康づくり課'],
  市民生活部: ['市民協働課', '危機管理課', '消費生活課'],
  環境部: ['環境対策課', '資源循環課'],
  消防本部: ['警防課', '予防課'],
  都市部: ['都市計画課', 'まちづくり推進課', '住宅課'],
  土木部: ['道路整備課', '道路維持課', '公園緑地課'],
  上下水道部: ['下水道整備課'],
  経済部: ['商工観光課', '農業振興課'],
  企画部: ['経営企画課', '広報広聴課', 'デジタル推進課'],
  総務部: ['総務課', '職員課', '財政課', '収税課'],
};

/** Turns a topic into a project name: `保育所` + `運営` → `保育所運営事業`. */
export const ACTIONS = ['運営', '推進', '支援', '整備', '管理', '充実', '啓発', '助成', '促進', '維持管理', '強化', '普及'];

export const IMPLEMENTATION_METHODS = ['直営', '委託', '直営・委託', '補助', '指定管理'];

export const ADMINISTRATIVE_TYPES = ['自治事務', '自治事務', '自治事務', '法定受託事務'];

/** Indicators: {topic} is replaced by the project's topic. */
export interface IndicatorTemplate {
  name: string;
  unit: string;
  kind: 'activity' | 'outcome';
  direction: 'higher' | 'lower';
  /** Typical target magnitude. */
  scale: number;
  /** Percent-like indicators stay at or below 100. */
  percent?: boolean;
}

export const INDICATOR_TEMPLATES: IndicatorTemplate[] = [
  { name: '{topic}の実施回数', unit: '回', kind: 'activity', direction: 'higher', scale: 24 },
  { name: '{topic}の利用者数', unit: '人', kind: 'activity', direction: 'higher', scale: 2400 },
  { name: '{topic}の参加者数', unit: '人', kind: 'activity', direction: 'higher', scale: 600 },
  { name: '{topic}に関する相談件数', unit: '件', kind: 'activity', direction: 'higher', scale: 350 },
  { name: '{topic}の整備箇所数（累計）', unit: '箇所', kind: 'activity', direction: 'higher', scale: 40 },
  { name: '{topic}に満足している市民の割合', unit: '%', kind: 'outcome', direction: 'higher', scale: 62, percent: true },
  { name: '{topic}の認知度', unit: '%', kind: 'outcome', direction: 'higher', scale: 55, percent: true },
  { name: '{topic}の目標達成率', unit: '%', kind: 'outcome', direction: 'higher', scale: 85, percent: true },
  { name: '{topic}の連携団体数', unit: '団体', kind: 'outcome', direction: 'higher', scale: 12 },
];

/** Lower-is-better indicators (about one in ten). */
export const LOWER_IS_BETTER_TEMPLATES: IndicatorTemplate[] = [
  { name: '{topic}に関する苦情件数', unit: '件', kind: 'outcome', direction: 'lower', scale: 40 },
  { name: '{topic}の待機者数', unit: '人', kind: 'outcome', direction: 'lower', scale: 25 },
  { name: '{topic}の処理日数（平均）', unit: '日', kind: 'outcome', direction: 'lower', scale: 14 },
];

export const TARGET_DEFINITIONS = [
  { definition: '市民数', unit: '人', population: true },
  { definition: '利用者数', unit: '人', population: false, scale: 3000 },
  { definition: '対象世帯数', unit: '世帯', population: false, scale: 8000 },
  { definition: '対象施設数', unit: '施設', population: false, scale: 30 },
  { definition: '実施件数', unit: '件', population: false, scale: 500 },
];

export const FUTURE_DIRECTIONS = ['拡充', '現状維持', '現状維持', '現状維持', '改善', '改善', '縮小', '統合', '廃止'];
