ALTER TABLE "indicator_values" ADD COLUMN "unit" text;--> statement-breakpoint
-- Rows imported before this column existed: the indicator's (latest) unit is the best we know.
UPDATE "indicator_values" v SET "unit" = i."unit" FROM "indicators" i WHERE i."id" = v."indicator_id";
