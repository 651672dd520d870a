import{d as s,E as t}from"./ha-vitals-styles-B0CPZH5r.js";const a={fmt:t,t:s};export{a as E};
