import{d as s,E as t}from"./ha-vitals-styles-DOM8eVUP.js";const a={fmt:t,t:s};export{a as E};
