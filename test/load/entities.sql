-- pgbench script: persner_entities over one random document of load_docs
\set id random(1, :ndocs)
SELECT cardinality(persner_entities('peyma', d.body)) FROM load_docs d WHERE d.id = :id;
