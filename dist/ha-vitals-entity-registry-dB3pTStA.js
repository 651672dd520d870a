function e(e){return e?.entities??{}}export{e};
