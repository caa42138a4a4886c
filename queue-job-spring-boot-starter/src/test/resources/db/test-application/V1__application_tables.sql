-- An application's own Flyway migration, for tests of the starter beside it.
CREATE TABLE app_order (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number  varchar(40) NOT NULL
);
