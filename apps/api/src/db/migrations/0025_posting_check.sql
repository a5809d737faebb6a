-- A posting statement that commits in the same round trip (COMMIT sent behind it, modules/posting)
-- cannot leave its checks to the application, which reads its answer only after the commit: it
-- states them in SQL instead. tritiq_posting_check(ok, part, code) answers true, or fails the
-- statement (and so the transaction) with SQLSTATE `code` and the part that was not applied as
-- planned in DETAIL ("stock": a guarded stock balance was left alone, TQ001; "audit": the audit
-- chain had no head, 40001, so the transaction is tried again the ordinary way). It reads and
-- writes nothing, so it is safe for every role (PUBLIC keeps EXECUTE).
CREATE OR REPLACE FUNCTION tritiq_posting_check(ok boolean, part text, code text) RETURNS boolean
  LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'posting not applied as planned: %', part USING ERRCODE = code, DETAIL = part;
  END IF;
  RETURN true;
END;
$$;
