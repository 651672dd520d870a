import{d as s,E as t}from"./ha-vitals-styles-B7XKPYH5.js";const a={fmt:t,t:s};export{a as E};
