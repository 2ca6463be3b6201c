-- 大船渡市's 全国地方公共団体コード is 032034 (03203 with its check digit). The ofunato import
-- profile wrote 032026, which is 宮古市's, so population tables and other sources that name the
-- city by its code could not find it. Rename a municipality imported that way, unless 032034 is
-- already taken.
UPDATE "municipalities" SET "code" = '032034'
WHERE "code" = '032026' AND "name" = '大船渡市'
  AND NOT EXISTS (SELECT 1 FROM "municipalities" WHERE "code" = '032034');
