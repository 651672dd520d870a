import{d as s,E as t}from"./ha-vitals-styles-BgYMxRcK.js";const a={fmt:t,t:s};export{a as E};
