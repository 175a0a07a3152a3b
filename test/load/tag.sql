-- pgbench script: persner_tag over one random document of load_docs
\set id random(1, :ndocs)
SELECT count(*), coalesce(sum(end_pos - start_pos), 0) FROM load_docs d, persner_tag(d.body) WHERE d.id = :id;
