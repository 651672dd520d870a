import{d as s,E as t}from"./ha-vitals-styles-B_jSXbit.js";const a={fmt:t,t:s};export{a as E};
