-- Written by the last job of an order's shipment (the shipping notice).
ALTER TABLE customer_order ADD COLUMN shipped_at timestamptz;
