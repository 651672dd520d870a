import{d as s,E as t}from"./ha-vitals-styles-xO_bUvaA.js";const a={fmt:t,t:s};export{a as E};
