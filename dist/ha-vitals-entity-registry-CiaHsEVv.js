function e(e){return e?.entities??{}}function t(e,t){return e.sendMessagePromise({type:"config/entity_registry/get",entity_id:t})}export{e,t as f};
