import{d as s,E as t}from"./ha-vitals-styles-CC4z2eiJ.js";const a={fmt:t,t:s};export{a as E};
